"""Releases in the bucket: a build made the live content of the site bucket (deploy) or an
earlier release made live again (rollback), under the bucket lock, with CDN invalidation."""
