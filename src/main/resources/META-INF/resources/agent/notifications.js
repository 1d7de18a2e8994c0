// Telling the agent: an optional sound, and desktop notifications while the tab is hidden.
import { showBanner } from '/js/connection-banner.js';
import { $ } from './state.js';

$('sound').checked = localStorage.getItem('livedesk.sound') === 'on';

$('sound').addEventListener('change', () => localStorage.setItem('livedesk.sound', $('sound').checked ? 'on' : 'off'));

$('notify').addEventListener('click', async () => {
  await Notification.requestPermission();
  $('notify').hidden = true;
});

/** A sound and, while the tab is hidden, a desktop notification (if the agent allowed them). */
export function notify(title, body) {
  if (document.visibilityState === 'visible') {
    return;
  }
  if ($('sound').checked) {
    beep();
  }
  if ('Notification' in window && Notification.permission === 'granted') {
    new Notification(title, { body, tag: 'livedesk' });
  }
}

export function beep() {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = 880;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.15);
  } catch (failure) {
    // no audio here; the title and the badge still show it
  }
}

export function banner(text, kind = 'connection') {
  showBanner($('banner'), text, kind);
}
