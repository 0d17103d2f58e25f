// after: nothing else in the application changes
import { createAwsBroker } from '@sealbus/aws';

const broker = createAwsBroker({ region: 'eu-west-1' });
