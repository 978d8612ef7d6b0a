import { expect, type Locator, type Page } from '@playwright/test';

// The dashboard: metric cards, and charts whose bars and segments lead to a filtered radar or task list.
export class DashboardPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  }

  metric(name: string) {
    return this.page.getByTestId(`metric-${name}`);
  }

  // A card of the dashboard by its title.
  card(title: string): Locator {
    return this.page.locator('section').filter({ has: this.page.getByRole('heading', { name: title, level: 2 }) });
  }

  // The number the legend gives next to a chart's entry ("Evaluation 3").
  async legendCount(chart: string, entry: string): Promise<number> {
    const link = this.card(chart).getByRole('link', { name: new RegExp(`^${entry} \\d+$`) });
    return Number((await link.innerText()).trim().split(/\s+/).pop());
  }

  // Clicks the chart's shape (a bar, a pie segment) drawn in `fill`, at a point inside the shape itself: the
  // middle of a segment's bounding box may lie in the hole of the doughnut or on another segment.
  async clickShape(chart: string, fill: string) {
    const shape = this.card(chart).locator(`svg path[fill="${fill}"]`).first();
    await expect(shape).toBeVisible();
    await shape.scrollIntoViewIfNeeded();
    const point = await shape.evaluate((node) => {
      const path = node as SVGPathElement;
      const box = path.getBBox();
      const matrix = path.getScreenCTM()!;
      for (let fy = 0.5; fy < 1; fy += 0.05)
        for (const sy of [1, -1])
          for (let fx = 0.5; fx < 1; fx += 0.05)
            for (const sx of [1, -1]) {
              const x = box.x + box.width * (0.5 + sx * (fx - 0.5));
              const y = box.y + box.height * (0.5 + sy * (fy - 0.5));
              if (path.isPointInFill(new DOMPoint(x, y))) {
                const screen = new DOMPoint(x, y).matrixTransform(matrix);
                return { x: screen.x, y: screen.y };
              }
            }
      return null;
    });
    expect(point, `a point inside the ${fill} shape of ${chart}`).not.toBeNull();
    await this.page.mouse.click(point!.x, point!.y);
  }
}
