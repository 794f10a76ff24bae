import { type PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import '@nutui/nutui-react-taro/dist/styles/themes/default.css';
import { cancelJavascriptLinks } from './services/h5-links';
import { installPrivacyListener } from './services/privacy';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // WeChat asks before the first privacy API call; the pop-up (components/privacy-popup.tsx)
  // answers. Registered at launch so no call can come first.
  useLaunch(() => {
    installPrivacyListener();
    cancelJavascriptLinks();
  });
  return children;
}

// Taro loads the app component by its default export.
export default App;
