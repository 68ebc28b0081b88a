"""Local tooling: the SeaweedFS object store on loopback and ``serve``, which shows the deployed
site as a visitor reads it from the bucket."""
