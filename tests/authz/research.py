from tests.authz.specs import FacilitatorsOnly, SignedIn
from tests.factories_research import SensitiveTermFactory

CLASSIFIED = {
    # The group's list of words to take out of exports: facilitators keep it.
    "sensitive_terms": FacilitatorsOnly(),
    "sensitive_term_edit": FacilitatorsOnly(args=lambda cast: [SensitiveTermFactory().pk]),
    "sensitive_term_remove": FacilitatorsOnly(
        args=lambda cast: [SensitiveTermFactory().pk], method="post"
    ),
    # Each person's own other names; nobody sees anyone else's (tests/research/test_pages.py).
    "other_names": SignedIn(),
}
