"""Reading what crawlers saved: bytes in any Chinese encoding."""
