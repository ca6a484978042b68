/*
 * Hand corrections for seed 001 (City & Guilds 4430-02 handbook), applied to the parsed seed before
 * the standards data is built (scripts/import/cityGuilds4430.ts).
 *
 * Each correction checks that the seed still reads the way it was written against and throws if
 * not, so a changed seed can never be "corrected" silently. Every correction that changes or
 * interprets what the seed says adds a note to the data; corrections that only annotate the seed's
 * own wording (typos kept as printed) add a note and change nothing.
 *
 * Seed inconsistencies that the importer detects by itself (lost headings, a unit-page title that
 * differs from the structure table, a missing NOS code, a gap in evidence-requirement numbers, the
 * learning-outcome list against the outcome headings, level/credit/GLH against the structure table)
 * are noted there, not here.
 */
import type { ParsedSeed, ParsedUnit } from '../cityGuilds4430';

export interface Correction {
  /** Stable name, for review and for the report. */
  name: string;
  /** Why the correction is needed (what the seed says). */
  why: string;
  apply(seed: ParsedSeed): void;
}

/**
 * The conversion lost the "Unit NNN" heading (and title line) of these unit blocks. Read by hand:
 * NDAQ number on the block -> unit number, from the block's "relates to Unit X of the Customer
 * Service NOS" line, its level/credit/GLH and its place between the surrounding headed units.
 * The importer identifies every block by its position in the contents list and fails unless this
 * table agrees (4430-215's page names no NOS unit, so position, credit 8 and GLH 53 identify it).
 */
export const HEADINGLESS_BLOCKS: Record<string, string> = {
  'L/601/1614': '201', // F2, after Unit 101
  'R/601/1212': '202', // A3
  'H/601/1215': '205', // A6, after Unit 204
  'M/601/1217': '206', // A7
  'T/601/1218': '207', // A8
  'M/601/1220': '208', // A9
  'T/601/1221': '209', // A10, before Unit 210
  'J/601/1210': '212', // B2, after Unit 211
  'A/601/1219': '215', // no NOS code on the page; between Unit 214 and Unit 216; credit 8, GLH 53
  'L/601/1225': '217', // B7, after Unit 216
  'M/601/1511': '219', // C3, after Unit 218
  'A/601/1530': '222', // D2, after Unit 221
};

function unit(seed: ParsedSeed, number: string): ParsedUnit {
  const u = seed.units.find((x) => x.number === number);
  if (!u) throw new Error(`correction: unit ${number} not parsed`);
  return u;
}

function expectText(actual: string | undefined, expected: string, where: string): void {
  if (actual !== expected) throw new Error(`correction: ${where} reads "${actual}", expected "${expected}"`);
}

export const CORRECTIONS: Correction[] = [
  {
    name: 'unit223-er4-unlettered-list',
    why:
      'Unit 223 evidence requirement 4 ("An \'appropriate person\' must be one or more of the following") is followed by six ' +
      'unlettered bullets. The schema needs a code for every sub-item and the seed prints none, so no codes are invented: ' +
      'the bullets are joined into the requirement\'s text (it defines a term; it is not a list of things to evidence).',
    apply(seed) {
      const er = unit(seed, '223').evidence.find((e) => e.code === '4');
      if (!er) throw new Error('correction: unit 223 has no evidence requirement 4');
      expectText(er.text, "An 'appropriate person' must be one or more of the following", 'unit 223 evidence requirement 4');
      const bullets = [
        'your manager',
        'your supervisor or team leader',
        'a colleague detailed to help you learn',
        'your assessor',
        'your mentor',
        'someone from your training or personnel department.',
      ];
      expectText(er.bullets.join(' | '), bullets.join(' | '), 'unit 223 evidence requirement 4 bullets');
      er.text = `${er.text}: ${er.bullets.join('; ')}`;
      er.bullets = [];
      er.notes.push(
        'The seed prints this requirement\'s six kinds of "appropriate person" as unlettered bullets ("your manager", "your supervisor or team leader", "a colleague detailed to help you learn", "your assessor", "your mentor", "someone from your training or personnel department."). No codes were invented: they are joined into the text with ": " and "; " (punctuation added by the transcription).',
      );
    },
  },
  {
    name: 'unit201-aim-garbled',
    why: 'Unit 201\'s aim reads "requires the learner to and understand the all rules" (words missing/misplaced in the original). Kept as printed; noted.',
    apply(seed) {
      const u = unit(seed, '201');
      expectText(
        u.aim[0],
        'This unit requires the learner to and understand the all rules that apply to customer service delivered by their organisation and how they apply to the learner and their job.',
        'unit 201 aim',
      );
      u.notes.push('The unit aim reads "requires the learner to and understand the all rules" as printed in the seed (a word appears to be missing); kept as printed.');
    },
  },
  {
    name: 'unit202-er1-strategy-level',
    why: 'Unit 202 (a level 2 unit) points to "the Customer Service Assessment Strategy for S/NVQ Level 1" where the other units name the strategy for Levels 1,2,3 and 4, and says simulation is not allowed "for any evidence" (others: "any performance evidence"). Kept as printed; noted.',
    apply(seed) {
      const er1 = unit(seed, '202').evidence[0];
      if (!er1 || !er1.text.includes('Customer Service Assessment Strategy for S/NVQ Level 1 – February 2010')) {
        throw new Error('correction: unit 202 evidence requirement 1 no longer names the Level 1 strategy');
      }
      er1.notes.push(
        'As printed, this level 2 unit\'s requirement names "the Customer Service Assessment Strategy for S/NVQ Level 1 – February 2010" (the other units: the Assessment Strategy for Customer Service S/NVQs at Levels 1,2,3 and 4) and says "Simulation is not allowed for any evidence within this Unit" (others: "any performance evidence").',
      );
    },
  },
  {
    name: 'unit221-criterion-2.1-your',
    why: 'Unit 221 criterion 2.1 switches to the second person ("your organisation\'s service offer") in a list written in the third person. Kept as printed; noted.',
    apply(seed) {
      const c = unit(seed, '221').elements.find((e) => e.code === '2')?.criteria.find((x) => x.code === '2.1');
      expectText(
        c?.text,
        "recognise when there may be a conflict between their customer's expectations and your organisation's service offer",
        'unit 221 criterion 2.1',
      );
      unit(seed, '221').notes.push('Criterion 2.1 says "your organisation\'s service offer" (the other criteria say "their organisation"); kept as printed.');
    },
  },
  {
    name: 'unit227-er4-typos',
    why: 'Unit 227 evidence requirement 4 prints "self –service" and "information of conduct a transaction". Kept as printed; noted.',
    apply(seed) {
      const er = unit(seed, '227').evidence.find((e) => e.code === '4');
      if (!er || !er.text.startsWith('The self –service technology') || !er.text.includes('obtain information of conduct a transaction.')) {
        throw new Error('correction: unit 227 evidence requirement 4 no longer reads as expected');
      }
      er.notes.push('Kept as printed: "self –service" (stray space and dash) and "obtain information of conduct a transaction" (probably "or conduct").');
    },
  },
];
