import { describe, expect, it } from 'vitest';
import { mentionedAgentIds } from './mentions.ts';

const agents = [
  { id: 'acc', initials: 'ACC', email: 'araceli.cruz@tiquete.example' },
  { id: 'sl', initials: 'SL', email: 'silvia.luna@tiquete.example' },
  { id: 'dn', initials: 'DN', email: 'david@tiquete.example' },
];

describe('mentions in a note', () => {
  it('finds agents by their initials in any case', () => {
    expect(mentionedAgentIds('@acc revisa esto por favor, y @SL también.', agents)).toEqual(['acc', 'sl']);
  });

  it('finds agents by the local part of their email, ignoring trailing punctuation', () => {
    expect(mentionedAgentIds('Pendiente con @silvia.luna.', agents)).toEqual(['sl']);
  });

  it('does not take an email address in the text for a mention', () => {
    expect(mentionedAgentIds('El cliente escribió desde acc@acme.com y david@acme.com', agents)).toEqual([]);
  });

  it('ignores handles that name nobody', () => {
    expect(mentionedAgentIds('@XYZ @nadie', agents)).toEqual([]);
  });
});
