"""Changes to certificates: issuing on completion, revoking, reissuing."""
