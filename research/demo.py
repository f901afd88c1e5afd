"""Demo data for research: the group's words to take out, and some people's other names.

Every name and place here is invented.
"""

from __future__ import annotations

from people.models import User
from research import services
from research.models import OtherName, SensitiveTerm

DEMO_TERMS = [
    ("Acacia House", SensitiveTerm.Label.SERVICE, "The drop-in some members use."),
    ("Northgate Surgery", SensitiveTerm.Label.ORGANISATION, ""),
    ("Elm Street hostel", SensitiveTerm.Label.PLACE, ""),
]
DEMO_OTHER_NAMES = {
    "ruth": ["Ruthie", "Ruth Q. Demo"],
    "shell": ["Michelle Demo"],
    "sam": ["Dr Sample"],
}


def seed(people: dict[str, User]) -> None:
    facilitator = people["faye"]
    for term, label, note in DEMO_TERMS:
        services.sensitive_term_add(term=term, label=label, note=note, by=facilitator)
    for key, names in DEMO_OTHER_NAMES.items():
        for name in names:
            services.other_name_add(person=people[key], name=name, source=OtherName.Source.GIVEN)
