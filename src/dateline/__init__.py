"""dateline: raw news in, a verified record of facts out."""
