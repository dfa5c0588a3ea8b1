import { expect } from 'chai';
import { createLogger, logFormatFor } from '../../src/shared/log.js';

describe('log lines (platform.logFormat)', () => {
  const record = {
    'event.module': 'skltp-messages',
    'event.duration': 12_345_678,
    'event.outcome': 'success',
    'trace.id': 'c-1',
    'labels.senderid': 'SE-CONSUMER',
    'labels.servicecontract_namespace': 'urn:riv:crm:scheduling:MakeBookingResponder:1',
    'labels.errorCode': undefined,
    'labels.outcome': 'ok',
    'labels.producerMs': 10.25,
  };
  const linesOf = (format: 'json' | 'text'): string[] => {
    const lines: string[] = [];
    const log = createLogger('info', { 'service.name': 'hub' }, (l) => void lines.push(l), format);
    log.child({ extra: 1 }).info('resp-out SE-CONSUMER -> SE-PRODUCER', record);
    log.debug('not at info level');
    return lines;
  };

  it('writes one JSON object per line with the ECS fields and every field given', () => {
    const [line, ...rest] = linesOf('json');
    expect(rest).to.deep.equal([]);
    const parsed = JSON.parse(line!) as Record<string, unknown>;
    expect(parsed).to.include({ 'log.level': 'info', message: 'resp-out SE-CONSUMER -> SE-PRODUCER', 'ecs.version': '8.10.0', 'service.name': 'hub', 'event.duration': 12_345_678, 'event.outcome': 'success', 'labels.senderid': 'SE-CONSUMER' });
    expect(parsed).not.to.have.property('labels.errorCode');
  });

  it('writes a field outside ECS as a label and an error as error.message and error.stack_trace', () => {
    const lines: string[] = [];
    const log = createLogger('info', {}, (l) => void lines.push(l));
    log.child({ extra: 1 }).error('failed', { 'outbox.id': 7, subscriber: 'SE-S', error: 'Error: broke\n    at x (y.js:1:1)' });
    log.warn('poll failed', { error: 'database is locked' });
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).to.deep.equal([
      { 'log.level': 'error', '@timestamp': (JSON.parse(lines[0]!) as Record<string, unknown>)['@timestamp'], 'ecs.version': '8.10.0', 'service.name': 'ntjp-emulator', 'event.dataset': 'ntjp-emulator', 'labels.extra': 1, 'labels.outbox_id': 7, 'labels.subscriber': 'SE-S', 'error.message': 'Error: broke', 'error.stack_trace': 'Error: broke\n    at x (y.js:1:1)', message: 'failed' },
      { 'log.level': 'warn', '@timestamp': (JSON.parse(lines[1]!) as Record<string, unknown>)['@timestamp'], 'ecs.version': '8.10.0', 'service.name': 'ntjp-emulator', 'event.dataset': 'ntjp-emulator', 'error.message': 'database is locked', message: 'poll failed' },
    ]);
  });

  it('lets a field of the call replace one of its logger, written once', () => {
    const lines: string[] = [];
    createLogger('info', {}, (l) => void lines.push(l)).child({ 'event.module': 'vp' }).info('resp-out', { 'event.module': 'skltp-messages' });
    expect(lines[0]!.match(/"event\.module"/g)).to.have.length(1);
    expect(JSON.parse(lines[0]!)).to.include({ 'event.module': 'skltp-messages' });
  });

  it('writes one readable line for a terminal: time, level, module, message and the fields that add something', () => {
    const [line, ...rest] = linesOf('text');
    expect(rest).to.deep.equal([]);
    expect(line).to.match(/^\d\d:\d\d:\d\d\.\d{3} INFO  skltp-messages: resp-out SE-CONSUMER -> SE-PRODUCER /);
    expect(line).to.contain(' service.name=hub extra=1 durationMs=12.3 trace.id=c-1 servicecontract_namespace=urn:riv:crm:scheduling:MakeBookingResponder:1 outcome=ok producerMs=10.3\n');
    expect(line).not.to.contain('event.duration').and.not.to.contain('senderid').and.not.to.contain('errorCode').and.not.to.contain('ecs.version');
  });

  it('chooses text on a terminal and JSON elsewhere for auto, and refuses an unknown format', () => {
    expect([logFormatFor('auto', true), logFormatFor('auto', false), logFormatFor('json', true), logFormatFor('text', false)]).to.deep.equal(['text', 'json', 'json', 'text']);
    expect(() => logFormatFor('xml', true)).to.throw('platform.logFormat must be json, text or auto, not "xml"');
  });
});
