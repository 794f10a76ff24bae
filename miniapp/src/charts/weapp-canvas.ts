/**
 * A WeChat canvas node (Canvas type="2d") in the shape ECharts draws on: what an HTML canvas gives
 * it (getContext('2d'), width and height) and the event hooks it sets, which WeChat has not (the
 * chart's touches are forwarded by the component instead). After echarts-for-weixin's wx-canvas.
 */
export interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): unknown;
}

export class WeappCanvas {
  constructor(private readonly node: CanvasNode) {}

  getContext(type: string): unknown {
    return type === '2d' ? this.node.getContext('2d') : null;
  }

  get width(): number {
    return this.node.width;
  }
  set width(value: number) {
    this.node.width = value;
  }
  get height(): number {
    return this.node.height;
  }
  set height(value: number) {
    this.node.height = value;
  }

  addEventListener(): void {}
  removeEventListener(): void {}
  attachEvent(): void {}
  detachEvent(): void {}
}
