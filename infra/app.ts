/** The `cdk` entry (see cdk.json): `npx cdk synth`, `npx cdk deploy --all -c stage=prod`. */
import { buildApp } from './build-app';

buildApp().app.synth();
