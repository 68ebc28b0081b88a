"""Publish to live: editors' actions recorded as sync requests (signals), coalesced into
incremental build + deploy runs by any number of workers (sync, under database leases), and
the admin's Site deploys view."""
