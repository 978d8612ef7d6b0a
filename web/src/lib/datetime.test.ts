import { describe, expect, it } from 'vitest';
import { fromDateTimeInput, isDateTimeInput, isValidTimeZone, toDateTimeInput } from './datetime';

describe('toDateTimeInput', () => {
  it('shows a stored UTC instant as the wall clock of the given zone', () => {
    expect(toDateTimeInput('2030-01-15T12:00:00Z', 'Europe/Berlin')).toBe('2030-01-15T13:00');
    expect(toDateTimeInput('2030-07-15T12:00:00Z', 'Europe/Berlin')).toBe('2030-07-15T14:00');
    expect(toDateTimeInput('2030-01-15T12:00:00Z', 'America/New_York')).toBe('2030-01-15T07:00');
    expect(toDateTimeInput('2030-01-15T12:00:00Z', 'Asia/Kolkata')).toBe('2030-01-15T17:30');
    expect(toDateTimeInput('2030-01-15T12:00:00Z', 'UTC')).toBe('2030-01-15T12:00');
  });

  it('crosses the date line when the zone does', () => {
    expect(toDateTimeInput('2030-12-31T23:30:00Z', 'Pacific/Auckland')).toBe('2031-01-01T12:30');
    expect(toDateTimeInput('2030-01-01T03:00:00Z', 'America/Los_Angeles')).toBe('2029-12-31T19:00');
  });

  it('uses the browser zone when none is given, as the Date object does', () => {
    const d = new Date('2030-01-15T12:00:00Z');
    const expected = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    expect(toDateTimeInput('2030-01-15T12:00:00Z')).toBe(expected);
  });

  it('is empty for nothing and for text that is not a date', () => {
    expect(toDateTimeInput(null, 'UTC')).toBe('');
    expect(toDateTimeInput('', 'UTC')).toBe('');
    expect(toDateTimeInput('yesterday', 'UTC')).toBe('');
  });
});

describe('fromDateTimeInput', () => {
  it('reads the wall clock in the given zone and answers the UTC instant', () => {
    expect(fromDateTimeInput('2030-01-15T13:00', 'Europe/Berlin')).toBe('2030-01-15T12:00:00.000Z');
    expect(fromDateTimeInput('2030-07-15T14:00', 'Europe/Berlin')).toBe('2030-07-15T12:00:00.000Z');
    expect(fromDateTimeInput('2030-01-15T07:00', 'America/New_York')).toBe('2030-01-15T12:00:00.000Z');
    expect(fromDateTimeInput('2030-01-15T17:30', 'Asia/Kolkata')).toBe('2030-01-15T12:00:00.000Z');
    expect(fromDateTimeInput('2031-01-01T12:30', 'Pacific/Auckland')).toBe('2030-12-31T23:30:00.000Z');
  });

  it('round-trips: a stored 12:00Z shows as 13:00 in Berlin and saves back as 12:00Z', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC']) {
      for (const iso of ['2030-01-15T12:00:00.000Z', '2030-06-30T23:45:00.000Z', '2031-03-30T01:15:00.000Z']) {
        expect(fromDateTimeInput(toDateTimeInput(iso, zone), zone), `${iso} in ${zone}`).toBe(iso);
      }
    }
  });

  it('a time that occurs twice when the clocks go back is its first occurrence', () => {
    // Berlin, 27 October 2030: 03:00 CEST becomes 02:00 CET, so 02:30 happens at 00:30Z and at 01:30Z.
    expect(fromDateTimeInput('2030-10-27T02:30', 'Europe/Berlin')).toBe('2030-10-27T00:30:00.000Z');
  });

  it('a time the clocks jump over is moved forward by the jump', () => {
    // Berlin, 31 March 2030: 02:00 CET becomes 03:00 CEST; 02:30 does not exist and is read as 03:30 CEST.
    expect(fromDateTimeInput('2030-03-31T02:30', 'Europe/Berlin')).toBe('2030-03-31T01:30:00.000Z');
    expect(toDateTimeInput('2030-03-31T01:30:00.000Z', 'Europe/Berlin')).toBe('2030-03-31T03:30');
  });

  it('uses the browser zone when none is given, as the Date constructor does', () => {
    expect(fromDateTimeInput('2030-01-15T13:00')).toBe(new Date(2030, 0, 15, 13, 0).toISOString());
  });

  it('keeps seconds when the input has them', () => {
    expect(fromDateTimeInput('2030-01-15T13:00:30', 'Europe/Berlin')).toBe('2030-01-15T12:00:30.000Z');
  });

  it('is null for nothing and for text that is not a date-time', () => {
    expect(fromDateTimeInput('', 'UTC')).toBeNull();
    expect(fromDateTimeInput('2030-13-01T00:00', 'UTC')).toBeNull();
    expect(fromDateTimeInput('next Tuesday', 'UTC')).toBeNull();
    expect(isDateTimeInput('2030-01-15T13:00')).toBe(true);
    expect(isDateTimeInput('2030-01-15')).toBe(false);
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA names', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('in the browser zone of the tests (Europe/Berlin, vite.config.ts)', () => {
  it('a stored 12:00Z shows as 13:00 and saves back as 12:00Z', () => {
    expect(new Date('2030-01-15T12:00:00Z').getTimezoneOffset()).toBe(-60);
    expect(toDateTimeInput('2030-01-15T12:00:00Z')).toBe('2030-01-15T13:00');
    expect(fromDateTimeInput('2030-01-15T13:00')).toBe('2030-01-15T12:00:00.000Z');
  });
});
