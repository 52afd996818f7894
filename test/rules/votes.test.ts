// The committee vote: quorum 2/3 of the members, pass at 2/3 of those present, recused not present.
import fc from 'fast-check';
import { decideVote } from '../../workers/rules/index.js';
import { policy2024 } from './support.js';

describe('SPEC 2.7: decideVote', () => {
  it.each([
    [{ members: 15, recused: 0, present: 10, yes: 7 }, { quorate: true, passed: true, reasons: [] }],
    [{ members: 15, recused: 0, present: 10, yes: 6 }, { quorate: true, passed: false, reasons: [{ rule: 'vote.threshold', field: 'yes' }] }],
    [{ members: 15, recused: 0, present: 9, yes: 9 }, { quorate: false, passed: false, reasons: [{ rule: 'vote.quorum', field: 'present' }] }],
    // Exactly two thirds is enough (以上 includes the number itself).
    [{ members: 21, recused: 0, present: 14, yes: 10 }, { quorate: true, passed: true }],
    [{ members: 21, recused: 0, present: 14, yes: 9 }, { quorate: true, passed: false }],
    // Recused members are not counted present: 3 of 15 recused leave 12 who may attend; 10 present is still quorate.
    [{ members: 15, recused: 3, present: 10, yes: 7 }, { quorate: true, passed: true }],
    [{ members: 15, recused: 6, present: 9, yes: 9 }, { quorate: false, passed: false }],
    [{ members: 15, recused: 0, present: 10, yes: 7, against: 3 }, { quorate: true, passed: true, reasons: [] }],
    [{ members: 15, recused: 0, present: 10, yes: 7, against: null }, { quorate: true, passed: true, reasons: [] }],
  ])('%j', (count, expected) => {
    expect(decideVote(count, policy2024)).toMatchObject({ valid: true, ...expected });
  });

  it.each([
    [{ members: 15, recused: 6, present: 10, yes: 10 }, 'present'],
    [{ members: 15, recused: 0, present: 10, yes: 11 }, 'yes'],
    [{ members: 15, recused: 16, present: 0, yes: 0 }, 'recused'],
    [{ members: 0, recused: 0, present: 0, yes: 0 }, 'members'],
    [{ members: 15, recused: 0, present: 10.5, yes: 7 }, 'present'],
    [{ members: 15, recused: -1, present: 10, yes: 7 }, 'recused'],
    // No-votes: yes and no together cannot exceed those present; the rest abstained.
    [{ members: 15, recused: 0, present: 10, yes: 7, against: 4 }, 'against'],
    [{ members: 15, recused: 0, present: 10, yes: 7, against: -1 }, 'against'],
    [{ members: 15, recused: 0, present: 10, yes: 7, against: 1.5 }, 'against'],
  ])('refuses inconsistent counts %j, naming %s', (count, field) => {
    expect(decideVote(count, policy2024)).toMatchObject({ valid: false, passed: false, reasons: [{ rule: 'vote.count', field }] });
  });

  it('takes its thresholds from the policy', () => {
    const simple = { ...policy2024, votes: { quorum: { numerator: 1, denominator: 2 }, pass: { numerator: 1, denominator: 2 } } };
    expect(decideVote({ members: 15, recused: 0, present: 8, yes: 4 }, simple)).toMatchObject({ quorate: true, passed: true });
    expect(decideVote({ members: 15, recused: 0, present: 8, yes: 4 }, policy2024)).toMatchObject({ quorate: false, passed: false });
  });

  it('property: a vote passes exactly when 3·present >= 2·members and 3·yes >= 2·present > 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(), fc.nat(), fc.nat(), (members, r, p, y) => {
        const recused = r % (members + 1);
        const present = p % (members - recused + 1);
        const yes = y % (present + 1);
        const d = decideVote({ members, recused, present, yes }, policy2024);
        expect(d.valid).toBe(true);
        expect(d.quorate).toBe(3 * present >= 2 * members);
        expect(d.passed).toBe(d.quorate && present > 0 && 3 * yes >= 2 * present);
      }),
    );
  });
});
