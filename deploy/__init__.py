"""The static-export and object-storage pipeline (no content models), by subsystem:

- ``deploy.export``: the static build (plan → render → validate → manifest → put in place under
  the output folder's lock) and the Pagefind search index step;
- ``deploy.release``: a build made a release in the bucket (``apply``: deploy and rollback
  under the bucket lock), the bucket's records, CDN invalidation, the release history;
- ``deploy.live``: publish to live: signals → sync requests → the worker's sync (build + deploy
  under a database lease), the admin's Site deploys view;
- ``deploy.local``: the SeaweedFS object store on loopback and ``serve``.

``deploy.cycle_gc`` keeps Python's cycle collector off the large heaps of builds and deploys
(not to be confused with ``release.apply``'s collection of old releases in the bucket).
Import direction: ``local`` and ``live`` use ``export`` and ``release``; ``release`` uses
``export``'s manifest and output folder; ``export`` uses neither.
"""
