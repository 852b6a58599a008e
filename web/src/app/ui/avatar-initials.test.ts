import { describe, expect, it } from 'vitest';
import { avatarInitials } from './avatar-initials.ts';

describe('avatarInitials', () => {
  it('takes the first name and the first surname of a Spanish name', () => {
    expect(avatarInitials('Mariana Solís Quesada')).toBe('MS');
    expect(avatarInitials('Juan Carlos Pérez López')).toBe('JP');
  });

  it('takes both words of a two-word name and one letter of a single word', () => {
    expect(avatarInitials('Silvia Luna')).toBe('SL');
    expect(avatarInitials('  adolfo ')).toBe('A');
    expect(avatarInitials('')).toBe('');
  });
});
