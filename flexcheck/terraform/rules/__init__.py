"""What the fortiflexvm provider's documentation says FortiFlex accepts, as data and its reading."""
