"""Demo content for the think tank site: ``manage.py seed_demo`` builds it.

An app of its own above the content apps (it may import any of them; none imports it), in the
development and test settings only: the published package and production do not carry it.

- :mod:`.site` creates the site frame and hand-written pages of every type (idempotent).
- :mod:`.bulk` adds N generated pages quickly, writing tree rows and revisions in bulk.
- :mod:`.content`, :mod:`.articles` and :mod:`.fragments` hold the texts; :mod:`.media` makes
  images and PDFs; :mod:`.streams` builds raw StreamField data.
"""
