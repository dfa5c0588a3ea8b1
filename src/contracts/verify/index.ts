export { verifyProducer, type VerifyProducerOptions } from './verify-producer.js';
export { startConsumerRecorder, type ConsumerRecorder, type ConsumerRecorderOptions } from './consumer-recorder.js';
export { textReport, junitReport, suitePassed, type CheckResult, type CheckSuite } from './check-result.js';
