import { expect } from 'chai';
import { createLogger, logFormatFor } from '../../src/shared/log.js';

describe('log lines (platform.logFormat)', () => {
  const record = {
    'event.module': 'skltp-messages',
    'event.duration': 12_345_678,
    'trace.id': 'c-1',
    'labels.senderid': 'SE-CONSUMER',
    'labels.servicecontract_namespace': 'urn:riv:crm:scheduling:MakeBookingResponder:1',
    'labels.errorCode': undefined,
    outcome: 'ok',
    durationMs: 12.345678,
  };
  const linesOf = (format: 'json' | 'text'): string[] => {
    const lines: string[] = [];
    const log = createLogger('info', { 'service.name': 'hub' }, (l) => void lines.push(l), format);
    log.child({ extra: 1 }).info('resp-out SE-CONSUMER -> SE-PRODUCER', record);
    log.debug('not at info level');
    return lines;
  };

  it('writes one JSON object per line with every field by default', () => {
    const [line, ...rest] = linesOf('json');
    expect(rest).to.deep.equal([]);
    const parsed = JSON.parse(line!) as Record<string, unknown>;
    expect(parsed).to.include({ 'log.level': 'info', message: 'resp-out SE-CONSUMER -> SE-PRODUCER', 'service.name': 'hub', extra: 1, 'event.duration': 12_345_678, 'labels.senderid': 'SE-CONSUMER' });
  });

  it('writes one readable line for a terminal: time, level, module, message and the fields that add something', () => {
    const [line, ...rest] = linesOf('text');
    expect(rest).to.deep.equal([]);
    expect(line).to.match(/^\d\d:\d\d:\d\d\.\d{3} INFO  skltp-messages: resp-out SE-CONSUMER -> SE-PRODUCER /);
    expect(line).to.contain(' service.name=hub extra=1 trace.id=c-1 labels.servicecontract_namespace=urn:riv:crm:scheduling:MakeBookingResponder:1 outcome=ok durationMs=12.3\n');
    expect(line).not.to.contain('event.duration').and.not.to.contain('labels.senderid').and.not.to.contain('errorCode');
  });

  it('chooses text on a terminal and JSON elsewhere for auto, and refuses an unknown format', () => {
    expect([logFormatFor('auto', true), logFormatFor('auto', false), logFormatFor('json', true), logFormatFor('text', false)]).to.deep.equal(['text', 'json', 'json', 'text']);
    expect(() => logFormatFor('xml', true)).to.throw('platform.logFormat must be json, text or auto, not "xml"');
  });
});
