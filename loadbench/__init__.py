"""Pages under load (issue 20): a seeded data set in a database of its own, served by gunicorn
beside a floor (a one-file Django view that runs ``SELECT 1`` on the same PostgreSQL), each page's
requests a second as a share of the floor's, and the plans of the pages' queries.

``make bench`` runs it after the in-process benchmarks (``manage.py bench_pages``); docs/
performance.md says how to read the table.
"""
