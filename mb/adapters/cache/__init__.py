"""Cache adapters: aiocache in this process (the default) and aiocache on Redis (shared by replicas)."""
