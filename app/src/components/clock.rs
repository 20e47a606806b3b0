//! A wall clock for one IANA time zone that ticks once the page is hydrated.
//!
//! The server renders the time it computed (with chrono-tz); in the browser the clock is then
//! re-rendered every second with the browser's own `Intl.DateTimeFormat` for the same zone, so
//! the wasm bundle does not carry a copy of the time-zone database.

use leptos::prelude::*;

/// Shows `initial` until the first tick, then the current time in `zone`, e.g. `14:05:09 CST`.
#[component]
pub fn ZoneClock(zone: String, initial: String) -> impl IntoView {
    let label = RwSignal::new(initial);
    start_ticking(zone, label);
    view! { <span class="clock">{move || label.get()}</span> }
}

#[cfg(feature = "hydrate")]
fn start_ticking(zone: String, label: RwSignal<String>) {
    use std::time::Duration;
    Effect::new(move |_| {
        let formatter = browser::ClockFormatter::new(&zone);
        let tick = move || {
            if let Some(text) = formatter.now() {
                label.set(text);
            }
        };
        if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs(1)) {
            on_cleanup(move || handle.clear());
        }
    });
}

#[cfg(not(feature = "hydrate"))]
fn start_ticking(_zone: String, _label: RwSignal<String>) {}

#[cfg(feature = "hydrate")]
mod browser {
    use js_sys::{Array, Date, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;

    /// `Intl.DateTimeFormat` for `HH:MM:SS ZZZ` in one zone (24-hour, en-US abbreviations).
    pub struct ClockFormatter(Intl::DateTimeFormat);

    impl ClockFormatter {
        pub fn new(zone: &str) -> Self {
            let options = Object::new();
            for (key, value) in [
                ("timeZone", zone),
                ("hour", "2-digit"),
                ("minute", "2-digit"),
                ("second", "2-digit"),
                ("hourCycle", "h23"),
                ("timeZoneName", "short"),
            ] {
                let _ = Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
            }
            let locales = Array::of1(&JsValue::from_str("en-US"));
            Self(Intl::DateTimeFormat::new(&locales, &options))
        }

        pub fn now(&self) -> Option<String> {
            let date = Date::new_0();
            self.0.format().call1(&self.0, &date).ok()?.as_string()
        }
    }
}
