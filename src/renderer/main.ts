// First: zod must not probe eval under the page's CSP (see zod-jitless.ts).
import '../shared/zod-jitless';
import { mount } from 'svelte';
import App from './App.svelte';
import { openConnection, planConnection } from './lib/connection';

const plan = planConnection({ datapress: window.datapress, location: window.location });
const connection = plan.kind === 'unavailable' ? null : openConnection(plan);

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

mount(App, { target, props: { connection, problem: plan.kind === 'unavailable' ? plan.message : null } });
