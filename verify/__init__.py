"""What a letter asks for, what it says, and which checks pass."""
