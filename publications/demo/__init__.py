"""Demo content for the think tank site: ``manage.py seed_demo`` builds it.

- :mod:`.site` creates the site frame and hand-written pages of every type (idempotent).
- :mod:`.bulk` adds N generated pages quickly, writing tree rows and revisions in bulk.
- :mod:`.content`, :mod:`.articles` and :mod:`.fragments` hold the texts; :mod:`.media` makes
  images and PDFs; :mod:`.streams` builds raw StreamField data.
"""
