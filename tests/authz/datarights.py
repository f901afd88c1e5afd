"""Who may use the data-rights pages.

Each person's own pages (download, leave, delete) show only their own things; a data
download's file answers 404 to everyone but its person. Facilitators see who left and
when, never anything they wrote.
"""

from tests.authz.specs import FacilitatorsOnly, OwnRecord, SignedIn
from tests.factories_datarights import DataDownloadFactory, ready_file


def make_download(person, secret):
    return DataDownloadFactory(person=person, file=ready_file(secret.encode()))


CLASSIFIED = {
    "data_download": SignedIn(),
    "data_download_file": OwnRecord(make=make_download),
    "leave_group": SignedIn(),
    "account_delete": SignedIn(),
    "departures": FacilitatorsOnly(),
}
