// CloudWatch (AWS JSON 1.0 as the current SDK speaks it, API version 2010-08-01, signing name `monitoring`):
// alarms (alarms.ts), metrics (metrics.ts), evaluated over time by the advancer (evaluate.ts).
import type { ServiceDefinition } from '../core/actions';
import { cloudWatchAlarmActions } from './alarms';
import { cloudWatchMetricActions } from './metrics';

/** The error shapes of the SDK's model by their query codes (awsQueryError), for the JSON `__type`. */
const ERROR_SHAPES: Record<string, string> = {
  InvalidParameterValue: 'InvalidParameterValueException',
  InvalidParameterCombination: 'InvalidParameterCombinationException',
  MissingParameter: 'MissingRequiredParameterException',
  ResourceNotFound: 'ResourceNotFound',
  ResourceNotFoundException: 'ResourceNotFoundException',
  LimitExceeded: 'LimitExceededFault',
  InvalidNextToken: 'InvalidNextToken',
  InvalidFormat: 'InvalidFormatFault',
  InternalServiceError: 'InternalServiceFault',
  ValidationError: 'ValidationException',
};

export const cloudWatchService: ServiceDefinition = {
  signingName: 'monitoring',
  dialect: 'json',
  version: '2010-08-01',
  xmlns: 'http://monitoring.amazonaws.com/doc/2010-08-01/',
  json: { namespace: 'com.amazonaws.cloudwatch', errorShapes: ERROR_SHAPES },
  actions: { ...cloudWatchAlarmActions, ...cloudWatchMetricActions },
};
