"""Named leases in the database: taken and renewed by one conditional UPDATE, so two workers
on any machines can never both hold one. An expired lease is taken over, and so, at once, is
one whose holder is known to be dead: a process of this machine that is gone, or a worker
whose heartbeat stopped (deploy.live.heartbeat) — a SIGKILLed worker does not hold up
publishing for the lease's 30 minutes."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from deploy.live.heartbeat import stopped_beating
from deploy.models import Lease
from deploy.processes import gone_from_this_machine


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
    current = Lease.objects.filter(name=name).values_list("holder", flat=True).first()
    if current and current != holder and holder_dead(current):
        free |= Q(holder=current)  # the UPDATE still fails if it changed hands meanwhile
    taken = Lease.objects.filter(free, name=name).update(
        holder=holder, expires_at=now + timedelta(seconds=seconds)
    )
    return taken == 1


def release(name: str, holder: str) -> None:
    Lease.objects.filter(name=name, holder=holder).update(holder="", expires_at=timezone.now())


def holder_dead(holder: str) -> bool:
    return gone_from_this_machine(holder) or stopped_beating(holder.split("/", 1)[0])
