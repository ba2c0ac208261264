// The Adaptive Cards host config of both pages (the chat and the sales workspace): the renderers' defaults put their
// accent (#2e89fc) on white at 3.4:1 and on the accent container at 2.5:1; each of these has at least 4.5:1 on
// every container background below (WCAG 2.1 AA).
(function () {
  'use strict';
  const readable = { default: '#1f1f1f', subtle: '#595959' };
  const foregroundColors = {
    default: readable,
    dark: readable,
    light: { default: '#595959', subtle: '#595959' },
    accent: { default: '#0a5fa8', subtle: '#0a5fa8' },
    good: { default: '#1e6e1e', subtle: '#1e6e1e' },
    warning: { default: '#8a5300', subtle: '#8a5300' },
    attention: { default: '#b3261e', subtle: '#b3261e' }
  };
  const container = (backgroundColor) => ({ backgroundColor: backgroundColor, foregroundColors: foregroundColors });
  window.PartnerBotCardColors = {
    fontFamily: 'Segoe UI, system-ui, sans-serif',
    // A heading text block is read as a heading of this level (the renderer gives none otherwise).
    textBlock: { headingLevel: 3 },
    containerStyles: {
      default: container('#ffffff'),
      emphasis: container('#f2f2f2'),
      accent: container('#c7def9'),
      good: container('#e8f5e9'),
      attention: container('#fdecea'),
      warning: container('#fff4e5')
    }
  };
})();
