"""Front-end views of certificates: the holder's list and PDF, the public verify page."""
