"""HR downloads of certificate PDFs in bulk (ZIP), registered in the admin."""
