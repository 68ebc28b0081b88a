"""The static-export and object-storage pipeline (no content models)."""
