//! `/coordinator/reports`: one report at a time over a chosen period, as a table, a bar chart
//! drawn as SVG on the server (no chart library in the browser), and a CSV download.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::coordinator::{ReportView, coordinator_report};
use crate::api::error_message;

const REPORTS: [(&str, &str); 6] = [
    ("sessions-by-site", "Sessions by site"),
    ("sessions-by-topic", "Sessions by topic"),
    ("sessions-by-provider", "Sessions by provider"),
    ("turnaround", "Request turnaround"),
    ("utilisation", "Provider utilisation"),
    ("feedback", "Feedback averages"),
];

#[component]
pub fn ReportsPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &'static str| query.read().get(name).unwrap_or_default();
    let data = crate::resource::resource(
        move || (param("kind"), param("from"), param("to")),
        |(kind, from, to)| coordinator_report(kind, from, to),
    );
    view! {
        <Title text="Reports" />
        <div class="container container--wide">
            <h1>"Reports"</h1>
            <p class="no-print"><a href="/coordinator/tta-report" id="tta-report-link">"Semiannual TTA report for the funder"</a>" — every TTA delivered in a period, as CSV and XLSX."</p>
            <Transition fallback=|| view! { <p class="loading">"Preparing the report…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(report) => view! { <ReportBody report /> }.into_any(),
                        Err(error) => view! { <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn ReportBody(report: ReportView) -> impl IntoView {
    let csv = format!(
        "/exports/{}.csv?from={}&to={}",
        report.kind, report.from, report.to
    );
    let max = report
        .bars
        .iter()
        .map(|(_, v)| *v)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let bar_height = 28.0;
    let height = bar_height * report.bars.len() as f64 + 10.0;
    view! {
        <Form method="GET" action="/coordinator/reports" attr:class="filters">
            <div class="filters__row">
                <div class="form-group">
                    <label class="label" for="r-kind">"Report"</label>
                    <select class="input" id="r-kind" name="kind">
                        {REPORTS.map(|(value, label)| view! {
                            <option value=value selected=report.kind == value>{label}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="r-from">"From"</label>
                    <input class="input" type="date" id="r-from" name="from" value=report.from.clone() />
                </div>
                <div class="form-group">
                    <label class="label" for="r-to">"To"</label>
                    <input class="input" type="date" id="r-to" name="to" value=report.to.clone() />
                </div>
                <button class="button" type="submit">"Show report"</button>
                <a class="button button--outline" href=csv id="download-csv" rel="external" download="">"Download CSV"</a>
            </div>
        </Form>
        <h2 id="report-title">{report.title.clone()}</h2>
        {report.rows.is_empty().then(|| view! { <p role="status">"Nothing in this period."</p> })}
        {(!report.bars.is_empty()).then(|| view! {
            <figure class="chart">
                <svg role="img" aria-labelledby="chart-title" width="100%" viewBox=format!("0 0 640 {height}") preserveAspectRatio="xMinYMin meet">
                    <title id="chart-title">{format!("{}: {}", report.title, report.bar_label)}</title>
                    {report.bars.iter().enumerate().map(|(i, (label, value))| {
                        let y = i as f64 * bar_height + 5.0;
                        let width = value / max * 380.0;
                        view! {
                            <g>
                                <text x="0" y=y + 18.0 class="chart__label">{label.clone()}</text>
                                <rect x="220" y=y width=width.max(1.0) height=bar_height - 8.0 class="chart__bar" />
                                <text x=226.0 + width y=y + 18.0 class="chart__value">{format!("{value}")}</text>
                            </g>
                        }
                    }).collect_view()}
                </svg>
                <figcaption class="muted">{format!("{} per row; the table below has every figure.", report.bar_label)}</figcaption>
            </figure>
        })}
        <div class="table-wrap">
            <table class="table" id="report-table">
                <caption class="sr-only">{report.title.clone()}</caption>
                <thead><tr>{report.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {report.rows.into_iter().map(|row| {
                        let mut cells = row.into_iter();
                        let first = cells.next().unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row">{first}</th>
                                {cells.map(|c| view! { <td>{c}</td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
