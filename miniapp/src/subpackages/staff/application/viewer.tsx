import { Button, Text, View } from '@tarojs/components';
import { type ApiClient, type MaterialView } from '@huiqi/shared';
import { useEffect, useRef, useState } from 'react';
import { messageOf } from '../../../services/errors';
import { type PdfDocument, type PdfLoader } from '../../../workbench/pdf';
import { viewerKind, zoomBy } from '../../../workbench/review';
import { disabledProps } from '../../../components/busy';

// The viewer is drawn with plain DOM elements (div, canvas, img): the workbench is built for the
// browser only, and pdf.js draws on a real <canvas> and wheel zoom needs a non-passive listener.

type Link = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; url: string };

/** The signed same-origin address of a file (files.controller: a reviewer of the application may read its materials). */
const useFileLink = (client: ApiClient, fileId: number | null): Link => {
  const [link, setLink] = useState<Link>({ kind: 'loading' });
  useEffect(() => {
    if (fileId === null) return undefined;
    let live = true;
    setLink({ kind: 'loading' });
    client.createFileLink({ params: { id: fileId } }).then(
      (answer) => live && setLink({ kind: 'ready', url: `${API_BASE}${answer.path}` }),
      (error: unknown) => live && setLink({ kind: 'error', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [client, fileId]);
  return link;
};

/** Wheel zoom on an element: `always` (images) or with Ctrl only (PDFs: the wheel scrolls them). */
const useWheelZoom = (element: HTMLElement | null, always: boolean, onZoom: (delta: 1 | -1) => void): void => {
  const zoom = useRef(onZoom);
  zoom.current = onZoom;
  useEffect(() => {
    if (!element) return undefined;
    const onWheel = (event: WheelEvent) => {
      if (!always && !event.ctrlKey) return;
      event.preventDefault();
      zoom.current(event.deltaY < 0 ? 1 : -1);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [element, always]);
};

const PdfView = ({ url, loadPdf, zoom, width }: { url: string; loadPdf: PdfLoader; zoom: number; width: number }) => {
  const [doc, setDoc] = useState<{ kind: 'loading' } | { kind: 'error' } | { kind: 'ready'; doc: PdfDocument }>({
    kind: 'loading',
  });
  const [page, setPage] = useState(1);
  const [drawn, setDrawn] = useState(0);
  const canvas = useRef<HTMLCanvasElement | null>(null);

  useEffect(() => {
    let live = true;
    let opened: PdfDocument | null = null;
    setDoc({ kind: 'loading' });
    setPage(1);
    loadPdf(url).then(
      (loaded) => {
        opened = loaded;
        if (live) setDoc({ kind: 'ready', doc: loaded });
        else void loaded.destroy();
      },
      () => live && setDoc({ kind: 'error' }),
    );
    return () => {
      live = false;
      if (opened) void opened.destroy();
    };
  }, [url, loadPdf]);

  useEffect(() => {
    if (doc.kind !== 'ready' || !canvas.current) return undefined;
    const target = canvas.current;
    let cancel: (() => void) | null = null;
    let live = true;
    void doc.doc.getPage(page).then((pdfPage) => {
      if (!live) return;
      const natural = pdfPage.getViewport({ scale: 1 });
      // Zoom 1 fits the page to the viewer's width; the canvas holds device pixels for a sharp page.
      const scale = (zoom * Math.max(width, 200)) / natural.width;
      const ratio = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
      const viewport = pdfPage.getViewport({ scale: scale * ratio });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      target.style.width = `${Math.floor(viewport.width / ratio)}px`;
      target.style.height = `${Math.floor(viewport.height / ratio)}px`;
      const context = target.getContext('2d');
      if (!context) return;
      const task = pdfPage.render({ canvas: target, canvasContext: context, viewport });
      cancel = () => task.cancel();
      task.promise.then(
        () => live && setDrawn(page),
        () => undefined,
      );
    });
    return () => {
      live = false;
      cancel?.();
    };
  }, [doc, page, zoom, width]);

  if (doc.kind === 'error')
    return (
      <View className="wb-alert" role="alert">
        PDF 无法显示，请
        <a href={url} target="_blank" rel="noreferrer">
          下载后查看
        </a>
      </View>
    );
  const pages = doc.kind === 'ready' ? doc.doc.numPages : 0;
  return (
    <View className="ar-viewer__pdf">
      <View className="ar-viewer__bar">
        <Button className="wb-button" {...disabledProps(page <= 1)} onClick={() => setPage(page - 1)}>
          上一页
        </Button>
        <Text className="ar-viewer__pages" data-drawn={drawn}>
          {pages > 0 ? `第 ${page} / ${pages} 页` : '正在打开 PDF…'}
        </Text>
        <Button className="wb-button" {...disabledProps(page >= pages)} onClick={() => setPage(page + 1)}>
          下一页
        </Button>
      </View>
      <canvas ref={canvas} className="ar-viewer__canvas" aria-label={`PDF 第 ${page} 页`} />
    </View>
  );
};

/**
 * The material's file in the page: a PDF drawn by pdf.js with its pages, an image; zoom by
 * buttons, the wheel (Ctrl+wheel on a PDF) and the +/- keys (the page's shortcuts set `zoom`).
 */
export const Viewer = ({
  client,
  material,
  loadPdf,
  zoom,
  onZoom,
}: {
  client: ApiClient;
  material: MaterialView | null;
  loadPdf: PdfLoader;
  zoom: number;
  onZoom: (zoom: number) => void;
}) => {
  const file = material?.current?.file ?? null;
  const link = useFileLink(client, file?.id ?? null);
  const [frame, setFrame] = useState<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(0);
  const kind = file ? viewerKind(file) : 'other';
  useWheelZoom(frame, kind === 'image', (delta) => onZoom(zoomBy(zoom, delta)));

  useEffect(() => {
    if (!frame) return undefined;
    const measure = () => setWidth(frame.clientWidth);
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    return () => observer.disconnect();
  }, [frame]);

  if (!material) return <View className="ar-viewer ar-viewer--empty">点击左侧条件旁的材料，在这里查看</View>;
  if (!file)
    return (
      <View className="ar-viewer ar-viewer--empty" data-viewer={material.id}>
        “{material.name}”还没有上传文件
      </View>
    );
  return (
    <View className="ar-viewer" data-viewer={material.id}>
      <View className="ar-viewer__head">
        <Text className="ar-viewer__name">
          {material.name} · {file.name}
        </Text>
        <View className="ar-viewer__zoom">
          <Button className="wb-button" onClick={() => onZoom(zoomBy(zoom, -1))}>
            缩小<Text className="wb-kbd">-</Text>
          </Button>
          <Text className="ar-viewer__percent" data-zoom={zoom}>
            {Math.round(zoom * 100)}%
          </Text>
          <Button className="wb-button" onClick={() => onZoom(zoomBy(zoom, 1))}>
            放大<Text className="wb-kbd">+</Text>
          </Button>
          <Button className="wb-button" onClick={() => onZoom(1)}>
            适合宽度
          </Button>
        </View>
      </View>
      <div ref={setFrame} className="ar-viewer__frame">
        {link.kind === 'loading' ? <Text className="ar-viewer__wait">正在打开文件…</Text> : null}
        {link.kind === 'error' ? (
          <View className="wb-alert" role="alert">
            ✕ {link.message}
          </View>
        ) : null}
        {link.kind === 'ready' && kind === 'pdf' ? (
          <PdfView url={link.url} loadPdf={loadPdf} zoom={zoom} width={width} />
        ) : null}
        {link.kind === 'ready' && kind === 'image' ? (
          <img className="ar-viewer__image" src={link.url} alt={material.name} style={{ width: `${zoom * 100}%` }} />
        ) : null}
        {link.kind === 'ready' && kind === 'other' ? (
          <View className="wb-alert wb-alert--info">
            该文件不能在页面中预览，请
            <a href={link.url} target="_blank" rel="noreferrer">
              下载查看
            </a>
          </View>
        ) : null}
      </div>
    </View>
  );
};
