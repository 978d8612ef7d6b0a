// The Technology Radar: create, edit, filter and delete technologies in the radar, card and table views; the
// radar draws them; the history records the moves; the dashboard's charts lead back to a filtered radar. One
// technology has a very long title, as real ones sometimes do: no screen may scroll sideways on a phone for it.
import { test, expect, inspect, ADMIN, DESKTOP, PHONE } from '../support/fixtures';
import { AppShell } from '../pages/AppShell';
import { RadarPage } from '../pages/RadarPage';
import { apiClient } from '../support/api';
import { signInAs } from '../support/session';

const SEED = [
  { title: 'JUCE', vendor: 'Raw Material Software', domain: 'Audio & DSP', status: 'Integrated', priority: '5', relevance: '92', tags: 'cpp, audio, plugins', description: 'C++ framework for audio applications and plug-ins.' },
  { title: 'ONNX Runtime', vendor: 'Microsoft', domain: 'AI / ML', status: 'Evaluation', priority: '4', relevance: '78', tags: 'inference, cpp' },
  { title: 'Faust', domain: 'Audio & DSP', status: 'Research', priority: '3', relevance: '55', tags: 'dsp, language' },
  { title: 'Tailwind CSS', domain: 'UI / UX', status: 'Implementation', priority: '2', relevance: '40', tags: 'css, web' },
  { title: 'Kubernetes', domain: 'Infrastructure', status: 'Discovery', priority: '3', relevance: '30', tags: 'ops' },
  { title: 'Web MIDI', domain: 'Music theory', status: 'Archived', priority: '1', relevance: '20', tags: 'web, midi' },
];
export const LONG_TITLE = 'Realtime neural upsampling with the ONNX Runtime DirectML execution provider on Windows ARM64 laptops (SuperResolutionAudioUpsamplerExperimentalBuild)';
SEED.push({ title: LONG_TITLE, domain: 'Performance', status: 'Research', priority: '2', relevance: '66', tags: 'gpu, experimental' });

test.beforeEach(async ({ page }) => {
  await signInAs(page, ADMIN, '/radar');
});

test('an empty radar says what to do; the form shows the API validation errors at their fields', async ({ page }) => {
  const radar = new RadarPage(page);
  await expect(page.getByText('The radar is empty')).toBeVisible();
  await page.getByRole('button', { name: 'Add technology' }).first().click();
  await radar.form.fill({ title: 'Bad one', priority: '9', relevance: '150', website: 'juce.com' });
  await radar.form.submit();
  await radar.form.expectFieldError('Priority (1–5)', 'must be between 1 and 5');
  await radar.form.expectFieldError('Relevance (0–100)', /between 0 and 100/);
  // In the form's words, not the API's ("… URL (or null)").
  await radar.form.expectFieldError('Website', 'must be a web address starting with http:// or https://');
  await inspect(page, 'technology-form-errors');
  // Nothing was created: the optimistic blip was rolled back.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('The radar is empty')).toBeVisible();
});

test('create technologies in the radar view; the radar draws each in its sector and ring', async ({ page }) => {
  const radar = new RadarPage(page);
  for (const t of SEED) {
    await radar.add(t);
    await radar.form.expectClosed();
    await expect(radar.blip(t.title)).toBeVisible();
  }
  await expect(radar.blips).toHaveCount(SEED.length);
  // A title must be unique in the project: the conflict is reported in the form, and rolled back.
  await radar.add({ title: 'JUCE' });
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText(/already|exists|taken/i);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(radar.blips).toHaveCount(SEED.length);

  // Hover and keyboard: details of a blip.
  await radar.blip('JUCE').hover();
  await expect(page.getByRole('tooltip')).toContainText('Integrated · Audio & DSP');
  await radar.blip('ONNX Runtime').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('radar-details')).toContainText('Priority 4');
  await expect(radar.blip('ONNX Runtime')).toHaveAttribute('aria-pressed', 'true');
  await inspect(page, 'radar');

  // The layout put no two blips on top of each other.
  const boxes = await radar.blips.evaluateAll((nodes) =>
    nodes.map((n) => {
      const c = n.querySelectorAll('circle')[n.querySelectorAll('circle').length - 1].getBoundingClientRect();
      return { x: c.x + c.width / 2, y: c.y + c.height / 2, r: c.width / 2 };
    }),
  );
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) expect(Math.hypot(boxes[i].x - boxes[j].x, boxes[i].y - boxes[j].y)).toBeGreaterThanOrEqual(boxes[i].r + boxes[j].r - 0.5);

  // The long title, chosen on the radar and on its own page.
  await radar.blip(LONG_TITLE).click();
  await expect(page.getByRole('heading', { level: 2 }).filter({ hasText: LONG_TITLE })).toBeVisible();
  await expect(radar.details).toContainText('Priority 2 · Relevance 66');
  await inspect(page, 'radar-long-title');
  await radar.details.getByRole('link', { name: 'Open' }).click();
  await expect(page.getByRole('heading', { name: LONG_TITLE, level: 1 })).toBeVisible();
  await inspect(page, 'technology-long-title');
});

// Create, edit and delete are each done in every view, on a technology of the test's own.
for (const view of ['Radar', 'Cards', 'Table'] as const) {
  test(`create, edit and delete in the ${view.toLowerCase()} view`, async ({ page }) => {
    const radar = new RadarPage(page);
    const title = `${view} probe`;
    await radar.view(view);
    await radar.add({ title, domain: 'Other', status: 'Discovery', priority: '2' });
    await radar.form.expectClosed();
    const item = view === 'Radar' ? radar.blip(title) : view === 'Cards' ? radar.card(title) : radar.row(title);
    await expect(item).toBeVisible();

    // Edit from where the view offers it: the chosen blip's panel, the card, the row.
    if (view === 'Radar') {
      await item.click();
      await radar.details.getByRole('button', { name: 'Edit' }).click();
    } else {
      await item.getByRole('button', { name: `Edit ${title}` }).click();
    }
    await expect(radar.form.dialog).toHaveAccessibleName(`Edit ${title}`);
    await radar.form.fill({ status: 'Evaluation', vendor: `${view} Labs` });
    if (view === 'Cards') {
      // Typing into the detailed evaluation and emptying the field again leaves the section open.
      await radar.form.openEvaluation();
      await radar.form.fill({ stability: '7' });
      await radar.form.fill({ stability: '' });
      await expect(radar.form.evaluation).toHaveAttribute('open', '');
      await expect(radar.form.dialog.getByLabel('Stability (0–100)')).toBeVisible();
    }
    if (view === 'Table') await radar.form.addDependency('JUCE', 'requires');
    await radar.form.submit();
    await radar.form.expectClosed();
    if (view === 'Radar') {
      await expect(item).toHaveAccessibleName(new RegExp(`^${title}: Evaluation in Other`));
      await expect(radar.details).toContainText(`${view} Labs`);
    } else {
      await expect(item).toContainText('Evaluation');
      await expect(item).toContainText(`${view} Labs`);
    }

    if (view === 'Table') {
      // The dependency is on both technologies' pages.
      await item.getByRole('link', { name: title }).click();
      await expect(page.getByTestId('technology-dependencies')).toContainText('Depends on');
      await expect(page.getByTestId('technology-dependencies')).toContainText('JUCE · requires');
      await page.getByTestId('technology-dependencies').getByRole('link', { name: 'JUCE' }).click();
      await expect(page.getByRole('heading', { name: 'JUCE', level: 1 })).toBeVisible();
      await expect(page.getByTestId('technology-dependencies')).toContainText('Needed by');
      await expect(page.getByTestId('technology-dependencies')).toContainText(`${title} · requires`);
      await radar.open('?view=table');
    }

    // Delete from the same place, after a confirmation naming it.
    if (view === 'Radar') {
      if (!(await radar.details.isVisible())) await item.click();
      await radar.details.getByRole('button', { name: 'Delete' }).click();
    } else {
      await item.getByRole('button', { name: `Delete ${title}` }).click();
    }
    await expect(page.getByRole('dialog')).toContainText(`${title} will be removed`);
    await radar.confirmDelete();
    await expect(item).toHaveCount(0);
    await page.reload();
    await expect(item).toHaveCount(0);
    await expect(view === 'Radar' ? radar.blips : view === 'Cards' ? page.getByTestId('technology-card') : radar.rows).toHaveCount(SEED.length);
  });
}

test('edit in the card view moves a technology and records why in its history', async ({ page }) => {
  const radar = new RadarPage(page);
  await radar.view('Cards');
  await expect(page).toHaveURL(/view=cards/);
  await expect(radar.card('Faust')).toBeVisible();
  await inspect(page, 'radar-cards');
  await radar.card('Faust').getByRole('button', { name: 'Edit Faust' }).click();
  await radar.form.fill({ status: 'Evaluation', priority: '4', reason: 'Prototype compiled to WebAssembly' });
  await radar.form.submit();
  await radar.form.expectClosed();
  await expect(radar.card('Faust')).toContainText('Evaluation');

  await radar.card('Faust').getByRole('link', { name: 'Faust' }).click();
  await expect(page.getByRole('heading', { name: 'Faust', level: 1 })).toBeVisible();
  const entry = page.getByTestId('history-entry').first();
  await expect(entry).toContainText('Research');
  await expect(entry).toContainText('Evaluation');
  await expect(entry).toContainText('Prototype compiled to WebAssembly');
  await expect(entry).toContainText(ADMIN.email);
  await inspect(page, 'technology');

  // On the radar it is marked as moved.
  await radar.open();
  await expect(radar.blip('Faust')).toHaveAccessibleName(/moved recently/);
});

test('filter and sort in the table view, kept in the URL', async ({ page }) => {
  const radar = new RadarPage(page);
  await radar.view('Table');
  await expect(radar.rows).toHaveCount(SEED.length);
  await radar.toggleFilter('Domain', 'Audio & DSP');
  await expect(page).toHaveURL(/domain=audio-dsp/);
  await expect(radar.rows).toHaveCount(2);
  await radar.search('juce');
  await expect(page).toHaveURL(/search=juce/);
  await expect(radar.rows).toHaveCount(1);
  // The URL alone restores the view and its filters.
  await page.reload();
  await expect(page.getByLabel('Search technologies')).toHaveValue('juce');
  await expect(radar.rows).toHaveCount(1);
  await page.getByRole('button', { name: /Clear 2 filters/ }).click();
  await expect(radar.rows).toHaveCount(SEED.length);

  await page.getByRole('button', { name: 'Priority' }).click();
  await expect(page).toHaveURL(/sort=priority/);
  await expect(radar.rows.first()).toContainText('Web MIDI');
  await page.getByRole('button', { name: 'Priority' }).click();
  await expect(page).toHaveURL(/sort=-priority/);
  await expect(radar.rows.first()).toContainText('JUCE');
  await inspect(page, 'radar-table');

  // Page size and paging.
  await page.getByLabel('Per page').selectOption('10');
  await expect(page).toHaveURL(/limit=10/);

  // The same filters apply to the radar.
  await radar.toggleFilter('Status', 'Archived');
  await radar.view('Radar');
  await expect(radar.blips).toHaveCount(1);
  await expect(radar.blip('Web MIDI')).toBeVisible();
});

test('delete from the table, the cards and the radar, each after a confirmation naming it', async ({ page }) => {
  const radar = new RadarPage(page);
  await radar.view('Table');
  await radar.row('Web MIDI').getByRole('button', { name: 'Delete Web MIDI' }).click();
  await expect(page.getByRole('dialog')).toContainText('Web MIDI will be removed');
  await radar.confirmDelete();
  await expect(radar.row('Web MIDI')).toHaveCount(0);

  await radar.view('Cards');
  await radar.card('Kubernetes').getByRole('button', { name: 'Delete Kubernetes' }).click();
  await radar.confirmDelete();
  await expect(radar.card('Kubernetes')).toHaveCount(0);

  await radar.view('Radar');
  await radar.blip('Tailwind CSS').click();
  await page.getByTestId('radar-details').getByRole('button', { name: 'Delete' }).click();
  await radar.confirmDelete();
  await expect(radar.blip('Tailwind CSS')).toHaveCount(0);
  await expect(radar.blips).toHaveCount(SEED.length - 3);
});

test('the dashboard counts come from the API and its charts filter the radar', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('metric-Technologies')).toHaveText(String(SEED.length - 3));
  await inspect(page, 'dashboard');
  await page.getByRole('link', { name: /^Evaluation \d+$/ }).click();
  await expect(page).toHaveURL(/\/radar\?status=evaluation/);
  await expect(new RadarPage(page).blips).toHaveCount(2);
});

// A team whose radar is dominated by one cell: 300 technologies in AI / ML · Integrated (70 of them moved there
// from Research), and a few elsewhere. In a project of its own, so the story's radar stays as it is.
test('a crowded cell: every technology is a focusable blip with its details, on a laptop and on a phone', async ({ page }) => {
  // Some 370 writes through the API, and axe over 300 blips in two themes at two sizes, twice.
  test.setTimeout(180_000);
  const admin = await apiClient(page.request, ADMIN, 'Audio Platform');
  const project: { id: number } = await admin.send('POST', '/api/v1/projects', { name: 'Crowded radar', description: 'One domain with hundreds of models' });
  try {
    const crowd = await apiClient(page.request, ADMIN, 'Crowded radar');
    const bodies = Array.from({ length: 300 }, (_, i) => ({
      title: `Model ${String(i + 1).padStart(3, '0')}`,
      domain: 'ai-ml',
      status: i < 230 ? 'integrated' : 'research',
      priority: 1 + (i % 5),
      relevance_score: (i * 37) % 101,
    }));
    const created: { id: number; status: string }[] = [];
    for (let i = 0; i < bodies.length; i += 25) created.push(...(await Promise.all(bodies.slice(i, i + 25).map((b) => crowd.send('POST', '/api/v1/technologies', b)))));
    const moving = created.filter((t) => t.status === 'research');
    for (let i = 0; i < moving.length; i += 25) {
      await Promise.all(moving.slice(i, i + 25).map((t) => crowd.send('PATCH', `/api/v1/technologies/${t.id}`, { status: 'integrated', reason: 'Shipped in the model zoo' })));
    }
    for (const t of [
      { title: 'Faust', domain: 'audio-dsp', status: 'research', priority: 3 },
      { title: 'Kubernetes', domain: 'infrastructure', status: 'discovery', priority: 2 },
      { title: 'Web MIDI', domain: 'music-theory', status: 'archived', priority: 1 },
    ]) {
      await crowd.send('POST', '/api/v1/technologies', t);
    }

    // The moves of the whole radar come in one request; no technology's history is asked for.
    const movesRequests: string[] = [];
    const historyRequests: string[] = [];
    page.on('request', (request) => {
      if (request.headers()['x-project-id'] !== String(crowd.projectId)) return;
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/technologies/moves') movesRequests.push(url.search);
      if (url.pathname.endsWith('/history')) historyRequests.push(url.pathname);
    });
    const radar = new RadarPage(page);
    await radar.open();
    await new AppShell(page).switchProject('Crowded radar');
    await expect(radar.blips).toHaveCount(303);
    await expect(radar.chart).toHaveAttribute('data-sectors', '7');
    await expect(page.locator('[data-moved]')).toHaveCount(moving.length);
    expect(movesRequests).toHaveLength(1);
    expect(historyRequests).toEqual([]);

    // Every blip is there, takes the focus, lies inside the chart and covers no other, and the chart fits the
    // laptop's width (nothing to scroll).
    const expectAllDrawn = async () => {
      expect(await radar.unfocusableBlips()).toEqual([]);
      const circles = await radar.blipCircles();
      const box = (await radar.chart.boundingBox())!;
      for (const c of circles) {
        expect(c.x - c.r).toBeGreaterThanOrEqual(box.x);
        expect(c.x + c.r).toBeLessThanOrEqual(box.x + box.width);
      }
      const overlapping: string[] = [];
      for (let i = 0; i < circles.length; i++)
        for (let j = i + 1; j < circles.length; j++)
          if (Math.hypot(circles[i].x - circles[j].x, circles[i].y - circles[j].y) < circles[i].r + circles[j].r - 0.5) overlapping.push(`${circles[i].id}/${circles[j].id}`);
      expect(overlapping).toEqual([]);
    };
    await expectAllDrawn();
    const section = page.getByRole('region', { name: 'Radar chart' });
    expect((await radar.chart.boundingBox())!.width).toBeLessThanOrEqual((await section.boundingBox())!.width);
    // The note says what is true, and never tells a laptop to turn the phone.
    await expect(radar.note).toContainText('All 303 technologies are drawn, so the blips are small; the fullest cell, AI / ML · Integrated, holds 300.');
    await expect(radar.note).not.toContainText(/phone|scroll/);

    // Hover, click and keyboard work on a blip in the thick of it.
    const blip = radar.blip('Model 150');
    await blip.hover();
    await expect(page.getByRole('tooltip')).toContainText('Model 150');
    await expect(page.getByRole('tooltip')).toContainText('Integrated · AI / ML');
    await blip.click();
    await expect(radar.details).toContainText('Priority 5');
    await expect(page.getByRole('heading', { level: 2 }).filter({ hasText: 'Model 150' })).toBeVisible();
    await radar.blip('Model 231').focus();
    await expect(page.getByRole('tooltip')).toContainText('Moved in the last 30 days');
    await page.keyboard.press('Enter');
    await expect(radar.blip('Model 231')).toHaveAttribute('aria-pressed', 'true');
    await expect(radar.details).toContainText('Moved in the last 30 days');
    // The chart is one tab stop: the arrows walk the blips in reading order (by number), Home and End go to the
    // ends, the tooltip follows, and one Tab leaves the chart; Shift+Tab comes back to the same blip.
    await expect(radar.tabStops).toHaveCount(1);
    await expect(radar.tabStops).toHaveAttribute('data-technology-id', String(created[230].id));
    await page.keyboard.press('ArrowRight');
    const next = radar.blips.nth(Number(await radar.blip('Model 231').getAttribute('data-number')));
    await expect(next).toBeFocused();
    await expect(page.getByRole('tooltip')).toContainText((await next.getAttribute('aria-label'))!.split(':')[0]);
    await page.keyboard.press('ArrowLeft');
    await expect(radar.blip('Model 231')).toBeFocused();
    await page.keyboard.press('End');
    await expect(radar.blips.last()).toBeFocused();
    await page.keyboard.press('Home');
    await expect(radar.blips.first()).toBeFocused();
    await expect(radar.tabStops).toHaveCount(1);
    await page.keyboard.press('End');
    await page.keyboard.press('Tab');
    expect(await radar.hasFocus()).toBe(false);
    await page.keyboard.press('Shift+Tab');
    await expect(radar.blips.last()).toBeFocused();
    await inspect(page, 'radar-crowded');

    // On a phone too: every one a blip that takes the focus.
    await page.setViewportSize(PHONE);
    await expect(radar.blips).toHaveCount(303);
    expect(await radar.unfocusableBlips()).toEqual([]);
    await page.setViewportSize(DESKTOP);

    // Drawing the crowded domain alone gives its blips the whole circle: every one still there, larger.
    const before = (await radar.blipCircles()).find((c) => c.id === String(created[0].id))!.r;
    await page.getByRole('button', { name: 'Show only AI / ML' }).click();
    await expect(page).toHaveURL(/domain=ai-ml/);
    await expect(radar.chart).toHaveAttribute('data-sectors', '1');
    await expect(radar.sectors).toHaveCount(1);
    await expect(radar.blips).toHaveCount(300);
    await expectAllDrawn();
    const after = (await radar.blipCircles()).find((c) => c.id === String(created[0].id))!.r;
    expect(after).toBeGreaterThan(before * 1.5);
    await inspect(page, 'radar-crowded-ai-ml');
  } finally {
    await admin.send('DELETE', `/api/v1/projects/${project.id}`);
  }
});
