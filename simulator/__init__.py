"""A test J-LIS PKI and a virtual JPKI card, for development, demo and tests only (never trusted in production)."""
