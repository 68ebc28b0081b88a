"""The lists each public person page belongs to, for incremental builds (``cms.keys``):
the people index, /experts/ and its expertise filters, programs' teams."""

from __future__ import annotations

from cms import keys


def person_memberships(pages: dict[int, keys.Place]) -> dict[int, keys.Membership]:
    from .models import PersonPage

    ids = list(pages)
    lists: dict[int, list[str]] = {pk: [keys.people("parent", pages[pk].parent)] for pk in ids}
    experts = set(
        PersonPage.objects.filter(pk__in=ids, is_expert=True).values_list("pk", flat=True)
    )
    for pk in experts:
        lists[pk].append(keys.people("expert"))
    expertise = PersonPage.expertise.through.objects.filter(personpage_id__in=experts)
    for person_id, topic_id in expertise.values_list("personpage_id", "topic_id"):
        lists[person_id].append(keys.people("expertise", topic_id))
    programs = PersonPage.programs.through.objects.filter(personpage_id__in=ids)
    for person_id, program_id in programs.values_list("personpage_id", "programpage_id"):
        lists[person_id].append(keys.people("program", program_id))
    return {pk: keys.Membership(found) for pk, found in lists.items()}
