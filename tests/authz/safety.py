"""Who may use the safety pages: each person, about her own session and drafts only."""

from tests.authz.specs import SignedIn, SignedInAction

CLASSIFIED = {
    "safety": SignedIn(),
    "welcome": SignedIn(),
    "sessions": SignedIn(),
    # Posted by the page's scripts: they act on the person's own session and drafts.
    "keep_draft": SignedInAction(data={"path": "/notes/", "fields": "{}"}),
    "draft_forget": SignedInAction(data={"path": "/notes/"}),
    "keep_alive": SignedInAction(),
}
