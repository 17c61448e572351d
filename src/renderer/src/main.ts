/**
 * Renderer entry. In Electron the preload has put the contract on window.api; when the e2e test host
 * serves the page over HTTP there is no preload, and the HTTP client speaks the same contract.
 */
import { mount } from 'svelte';
import App from './App.svelte';
import { createHttpApi } from './api/http-client.ts';

if (!window.api && location.protocol.startsWith('http')) window.api = createHttpApi(location.origin);

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target });
