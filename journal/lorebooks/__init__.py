"""Lorebooks (SillyTavern World Info, a card's ``character_book``, 世界书): keyword-triggered lore in every reply."""
