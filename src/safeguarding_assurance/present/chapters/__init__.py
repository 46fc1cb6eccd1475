"""One module per chapter of the report: each section computes, discloses, draws and publishes."""
