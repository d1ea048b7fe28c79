"""The `delegation` command line (installed as the package delegation.cli)."""
