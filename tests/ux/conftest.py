# The forms of every classified URL, found once per URL (tests/integrity/test_no_input_crashes.py).
from tests.integrity.test_no_input_crashes import target  # noqa: F401
