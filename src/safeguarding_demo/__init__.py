"""The synthetic demo data of the fictional Northbrook partnership (not part of the runtime)."""
