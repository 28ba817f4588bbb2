"""The FortiFlex v2 endpoints: what each one reads from or does to the emulated account.

Each endpoint takes the parsed JSON object and returns the payload merged into the success
envelope, or raises `Rejected`. Validation comes before lookups: a missing or ill-typed field
is HTTP 400 `"<field> is required."` / `"<field> is invalid."`; a referenced object that does
not exist is HTTP 404 `"Program not found."`, `"Config not found."`, `"Entitlement not found."`.
Writes really change the state, so `Emulator.state_digest()` shows that a write happened.
"""
