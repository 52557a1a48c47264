import { App } from 'aws-cdk-lib';
import { createVigilApp } from '../src/app.ts';

const app = new App({ analyticsReporting: false });
createVigilApp(app);
app.synth();
