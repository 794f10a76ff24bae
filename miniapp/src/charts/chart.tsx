import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type CSSProperties, useEffect, useRef } from 'react';
import { echarts } from './echarts';
import { type ChartOption } from './options';
import { type CanvasNode, WeappCanvas } from './weapp-canvas';
import './chart.scss';

export interface ChartProps {
  /** Unique on the page: the weapp canvas is found by it. Letters, digits and hyphens. */
  id: string;
  option: ChartOption;
  /** Height in CSS pixels; the width is the container's. */
  height: number;
  /** What the chart shows, for screen readers (the figures are always on the page as text too). */
  label: string;
}

type Instance = ReturnType<typeof echarts.init>;

interface CanvasTouch {
  x: number;
  y: number;
}
interface CanvasTouchEvent {
  touches: CanvasTouch[];
  changedTouches?: CanvasTouch[];
}

/** Dispatches a WeChat canvas touch to the chart as the mouse events ECharts listens to. */
type ZrEvent = 'mousedown' | 'mousemove' | 'mouseup' | 'click';

const dispatch = (chart: Instance | null, names: ZrEvent[], touch: CanvasTouch | undefined): void => {
  if (!chart || !touch) return;
  const handler = chart.getZr().handler;
  for (const name of names) handler.dispatch(name, { zrX: touch.x, zrY: touch.y });
};

/**
 * One chart for both builds. H5: ECharts on an element it sizes itself, resized with its container.
 * weapp: a Canvas of type 2d, found once rendered, wrapped for ECharts (WeappCanvas) at the screen's
 * pixel ratio, touches forwarded (as echarts-for-weixin's ec-canvas does).
 */
export const Chart = ({ id, option, height, label }: ChartProps) => {
  const host = useRef<unknown>(null);
  const chart = useRef<Instance | null>(null);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    if (process.env.TARO_ENV === 'h5') {
      const element = host.current as HTMLElement | null;
      if (!element) return undefined;
      const instance = echarts.init(element, undefined, { renderer: 'canvas' });
      chart.current = instance;
      if (typeof ResizeObserver !== 'undefined') {
        observer = new ResizeObserver(() => instance.resize());
        observer.observe(element);
      }
    } else {
      Taro.nextTick(() => {
        Taro.createSelectorQuery()
          .select(`#${id}`)
          .fields({ node: true, size: true })
          .exec((res: { node?: CanvasNode; width?: number; height?: number }[]) => {
            const found = res[0];
            if (disposed || !found?.node) return;
            const canvas = new WeappCanvas(found.node);
            // ECharts measures text on a canvas it creates: the same one here.
            echarts.setPlatformAPI({ createCanvas: () => canvas as unknown as HTMLCanvasElement });
            const instance = echarts.init(canvas as unknown as HTMLElement, undefined, {
              width: found.width ?? 300,
              height: found.height ?? height,
              devicePixelRatio: Taro.getSystemInfoSync().pixelRatio,
            });
            instance.setOption(option, true);
            chart.current = instance;
          });
      });
    }
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
    // Created once per mount (the option is set by the effect below).
  }, [id]);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  const style: CSSProperties = { height: `${height}px` };
  if (process.env.TARO_ENV === 'h5')
    return <View ref={host as never} className="chart" style={style} role="img" aria-label={label} />;
  return (
    <Canvas
      type="2d"
      id={id}
      canvasId={id}
      className="chart"
      style={style}
      aria-label={label}
      onTouchStart={(e) =>
        dispatch(chart.current, ['mousedown', 'mousemove'], (e as unknown as CanvasTouchEvent).touches[0])
      }
      onTouchMove={(e) => dispatch(chart.current, ['mousemove'], (e as unknown as CanvasTouchEvent).touches[0])}
      onTouchEnd={(e) => {
        const touch = (e as unknown as CanvasTouchEvent).changedTouches?.[0];
        dispatch(chart.current, ['mouseup', 'click'], touch);
      }}
    />
  );
};
