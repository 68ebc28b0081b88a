"""Named leases in the database: taken and renewed by one conditional UPDATE, so two workers
on any machines can never both hold one; an expired lease (a killed worker) is taken over."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from deploy.models import Lease


def take(name: str, holder: str, seconds: float) -> bool:
    """Take (or renew) the lease ``name`` for ``holder``; False if someone else holds it."""
    now = timezone.now()
    if not Lease.objects.filter(name=name).exists():
        try:
            with transaction.atomic():
                Lease.objects.create(name=name, holder="", expires_at=now)
        except IntegrityError:
            pass  # created by another worker at the same moment
    free = Q(holder="") | Q(expires_at__lt=now) | Q(holder=holder)
    taken = Lease.objects.filter(free, name=name).update(
        holder=holder, expires_at=now + timedelta(seconds=seconds)
    )
    return taken == 1


def release(name: str, holder: str) -> None:
    Lease.objects.filter(name=name, holder=holder).update(holder="", expires_at=timezone.now())
