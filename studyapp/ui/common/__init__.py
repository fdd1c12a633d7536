"""What every screen shares: showing bank text, the theme, the centred column, roles, alerts."""
