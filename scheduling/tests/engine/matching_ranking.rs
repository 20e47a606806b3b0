//! Ranking one request: hard rules with named reasons, the explained score, deterministic order,
//! the batch built from rankings, and the adapter from the slot engine's series plan.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use scheduling::matching::{
    AvailabilityFit, Candidate, Exclusion, Expertise, Level, MatchRequest, Modality, Part,
    ProviderId, ProviderProfile, RawWeights, RequestId, ScoreWeights, SiteId, SiteRef, Topic,
    TopicId, UnassignedReason, WeeklyWindow, WorkingHours, assign, problem_from_rankings,
    rank_providers,
};
use scheduling::{
    Cadence, Granularity, Interval, LocalTime, Occurrence, Outcome, PlacementFailure, Resolution,
    SeriesPlan, SessionLength, SessionRequest, SessionRequestParts, Tolerance,
};

const CRIME_ANALYSIS: TopicId = TopicId(1);
const GUN_VIOLENCE: TopicId = TopicId(2);
const MEMPHIS: SiteId = SiteId(47);

fn weekdays(zone: Tz, start_hour: u16, end_hour: u16) -> WorkingHours {
    let days = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    WorkingHours::new(
        zone,
        days.into_iter()
            .map(|d| WeeklyWindow::new(d, start_hour * 60, end_hour * 60).unwrap())
            .collect(),
    )
}

fn request() -> MatchRequest {
    MatchRequest {
        id: RequestId(900),
        site: SiteRef {
            id: MEMPHIS,
            name: "Memphis".into(),
            region: "South".into(),
        },
        topics: vec![
            Topic {
                id: CRIME_ANALYSIS,
                name: "Crime analysis".into(),
            },
            Topic {
                id: GUN_VIOLENCE,
                name: "Gun violence".into(),
            },
        ],
        min_level: Level::new(2).unwrap(),
        modality: Modality::OnSite,
        preferred_hours: weekdays(Tz::America__Chicago, 9, 17),
    }
}

fn provider(id: i64, name: &str) -> ProviderProfile {
    ProviderProfile {
        id: ProviderId(id),
        name: name.into(),
        expertise: vec![
            Expertise {
                topic: CRIME_ANALYSIS,
                level: Level::new(3).unwrap(),
            },
            Expertise {
                topic: GUN_VIOLENCE,
                level: Level::new(2).unwrap(),
            },
        ],
        modalities: vec![Modality::OnSite, Modality::Virtual],
        travel_regions: vec!["south".into(), "Midwest".into()],
        engagement_capacity: 3,
        current_engagements: 1,
        weekly_hour_capacity: 40.0,
        booked_weekly_hours: 10.0,
        working_hours: weekdays(Tz::America__Chicago, 9, 17),
        sites_served: vec![],
        conflicts: vec![],
    }
}

fn fit() -> AvailabilityFit {
    AvailabilityFit {
        required: 6,
        placed: 6,
        unplaced_reasons: vec![],
        mean_shift_minutes: 0,
        tolerance_minutes: 1440,
        start_delay_days: 0,
        window_days: 90,
    }
}

#[test]
fn excluded_providers_carry_every_reason() {
    let mut weak = provider(2, "Weak analyst");
    weak.expertise = vec![Expertise {
        topic: CRIME_ANALYSIS,
        level: Level::new(1).unwrap(),
    }];
    weak.travel_regions = vec!["Midwest".into()];
    weak.conflicts = vec![MEMPHIS];
    weak.current_engagements = 3;
    let mut virtual_only = provider(3, "Virtual only");
    virtual_only.modalities = vec![Modality::Virtual];
    let busy_fit = AvailabilityFit {
        placed: 4,
        unplaced_reasons: vec!["Session 5 (2025-03-04): the provider is away".into()],
        ..fit()
    };
    let good = provider(1, "Good");
    let f = fit();
    let candidates = [
        Candidate {
            profile: &weak,
            availability: Some(&busy_fit),
        },
        Candidate {
            profile: &virtual_only,
            availability: None,
        },
        Candidate {
            profile: &good,
            availability: Some(&f),
        },
    ];
    let ranking = rank_providers(&request(), &candidates, &ScoreWeights::default());
    assert_eq!(ranking.eligible.len(), 1);
    assert_eq!(ranking.eligible[0].provider, ProviderId(1));

    let texts: Vec<String> = ranking.excluded[0]
        .reasons
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(ranking.excluded[0].provider, ProviderId(2));
    assert_eq!(
        texts,
        [
            "Does not cover topic 'Crime analysis' at level ≥ 2 (has level 1)",
            "Does not cover topic 'Gun violence' at level ≥ 2",
            "Not willing to travel to South",
            "Conflict of interest with Memphis",
            "At capacity (3/3 engagements)",
            "Cannot place 2 of 6 sessions: Session 5 (2025-03-04): the provider is away",
        ]
    );
    assert_eq!(
        ranking.excluded[1].reasons,
        [
            Exclusion::ModalityNotOffered {
                modality: Modality::OnSite
            },
            Exclusion::AvailabilityUnknown
        ]
    );
}

#[test]
fn virtual_requests_need_no_travel() {
    let mut req = request();
    req.modality = Modality::Virtual;
    let mut homebody = provider(4, "Homebody");
    homebody.travel_regions.clear();
    let f = fit();
    let ranking = rank_providers(
        &req,
        &[Candidate {
            profile: &homebody,
            availability: Some(&f),
        }],
        &ScoreWeights::default(),
    );
    assert_eq!(ranking.eligible.len(), 1);
}

#[test]
fn score_parts_are_explained_and_weighted() {
    let mut p = provider(1, "Phoenix coach");
    p.working_hours = weekdays(Tz::America__Phoenix, 9, 17);
    p.sites_served = vec![MEMPHIS];
    let f = AvailabilityFit {
        mean_shift_minutes: 360,
        start_delay_days: 9,
        ..fit()
    };
    let ranking = rank_providers(
        &request(),
        &[Candidate {
            profile: &p,
            availability: Some(&f),
        }],
        &ScoreWeights::default(),
    );
    let b = &ranking.eligible[0].breakdown;
    let part = |k: Part| b.parts.iter().find(|x| x.part == k).unwrap();
    assert!((part(Part::Expertise).value - 2.5 / 3.0).abs() < 1e-12);
    assert_eq!(
        part(Part::Expertise).explanation,
        "Level 3 in Crime analysis, level 2 in Gun violence (mean 2.5 of 3)"
    );
    assert_eq!(part(Part::Continuity).value, 1.0);
    assert_eq!(
        part(Part::Continuity).explanation,
        "Has served Memphis before"
    );
    // 6.5 of 8 hours a day overlap (7 h in winter, 6 h in summer).
    assert!((part(Part::TimeZone).value - 6.5 / 8.0).abs() < 1e-12);
    assert!(
        part(Part::TimeZone)
            .explanation
            .starts_with("Works 32.5 h of the site's 40 h")
    );
    assert_eq!(part(Part::LoadBalance).value, 0.75);
    assert_eq!(
        part(Part::LoadBalance).explanation,
        "10.0 of 40.0 weekly hours booked (25%)"
    );
    assert!((part(Part::Availability).value - (0.75 + 0.9) / 2.0).abs() < 1e-12);
    let sum: f64 = b.parts.iter().map(|x| x.value * x.weight).sum();
    assert!((b.score - sum).abs() < 1e-12);
    assert!((0.0..=1.0).contains(&b.score));
    let weights: f64 = b.parts.iter().map(|x| x.weight).sum();
    assert!((weights - 1.0).abs() < 1e-12);
}

#[test]
fn order_is_by_score_then_id() {
    let a = provider(30, "A");
    let b = provider(10, "B");
    let mut c = provider(20, "C");
    c.sites_served = vec![MEMPHIS];
    let f = fit();
    let candidates: Vec<Candidate<'_>> = [&a, &b, &c]
        .into_iter()
        .map(|p| Candidate {
            profile: p,
            availability: Some(&f),
        })
        .collect();
    let ranking = rank_providers(&request(), &candidates, &ScoreWeights::default());
    let ids: Vec<i64> = ranking.eligible.iter().map(|e| e.provider.0).collect();
    assert_eq!(ids, [20, 10, 30]);
}

#[test]
fn weights_change_the_order() {
    let mut expert = provider(1, "Expert far away");
    expert.working_hours = weekdays(Tz::Pacific__Honolulu, 8, 12);
    let mut local = provider(2, "Local generalist");
    local.expertise = vec![
        Expertise {
            topic: CRIME_ANALYSIS,
            level: Level::new(2).unwrap(),
        },
        Expertise {
            topic: GUN_VIOLENCE,
            level: Level::new(2).unwrap(),
        },
    ];
    let f = fit();
    let candidates = [
        Candidate {
            profile: &expert,
            availability: Some(&f),
        },
        Candidate {
            profile: &local,
            availability: Some(&f),
        },
    ];
    let only_expertise = ScoreWeights::new(RawWeights {
        expertise: 1.0,
        continuity: 0.0,
        time_zone: 0.0,
        load_balance: 0.0,
        availability: 0.0,
    })
    .unwrap();
    let r = rank_providers(&request(), &candidates, &only_expertise);
    assert_eq!(r.eligible[0].provider, ProviderId(1));
    let r = rank_providers(&request(), &candidates, &ScoreWeights::default());
    assert_eq!(r.eligible[0].provider, ProviderId(2));
}

#[test]
fn batch_from_rankings_respects_free_engagements() {
    // One provider with one free engagement, two requests that both want it.
    let mut p = provider(1, "Only one slot");
    p.current_engagements = 2;
    let f = fit();
    let r1 = request();
    let mut r2 = request();
    r2.id = RequestId(901);
    r2.site.id = SiteId(48);
    p.sites_served = vec![SiteId(48)];
    let c = [Candidate {
        profile: &p,
        availability: Some(&f),
    }];
    let rankings = vec![
        rank_providers(&r1, &c, &ScoreWeights::default()),
        rank_providers(&r2, &c, &ScoreWeights::default()),
    ];
    let problem = problem_from_rankings(&rankings, std::slice::from_ref(&p)).unwrap();
    let a = assign(&problem);
    assert_eq!(a.assigned.len(), 1);
    assert_eq!(
        a.assigned[0].request,
        RequestId(901),
        "continuity makes 901 the better use"
    );
    assert_eq!(
        a.unassigned[0].reason,
        UnassignedReason::EligibleProvidersFull {
            eligible: vec![ProviderId(1)]
        }
    );
}

#[test]
fn fit_from_a_series_plan() {
    let day = |d: u32| NaiveDate::from_ymd_opt(2025, 3, d).unwrap();
    let at = |d: u32, h: u32, m: u32| Utc.with_ymd_and_hms(2025, 3, d, h, m, 0).unwrap();
    let slot = |d: u32, h: u32, m: u32| Interval::new(at(d, h, m), at(d, h + 1, m)).unwrap();
    let request = SessionRequest::new(SessionRequestParts {
        length: SessionLength::from_minutes(60).unwrap(),
        count: 3,
        cadence: Cadence::Weekly,
        earliest_date: day(3),
        latest_date: day(31),
        first_date: None,
        local_start_time: LocalTime::from_hm(10, 0).unwrap(),
        minimum_notice_minutes: 0,
        granularity: Granularity::default(),
        tolerance: Tolerance::business_days(2).unwrap(),
    })
    .unwrap();
    let occurrence = |index: u32, d: u32, outcome: Outcome| Occurrence {
        index,
        anchor_date: day(d),
        anchor: slot(d, 15, 0),
        anchor_resolution: Resolution::Exact,
        outcome,
    };
    let plan = SeriesPlan {
        occurrences: vec![
            occurrence(
                1,
                3,
                Outcome::Moved {
                    slot: slot(4, 15, 0),
                    shift_minutes: 1440,
                    anchor_reasons: vec![],
                },
            ),
            occurrence(
                2,
                10,
                Outcome::AtAnchor {
                    slot: slot(10, 15, 0),
                },
            ),
            occurrence(
                3,
                17,
                Outcome::Unplaced {
                    reasons: vec![PlacementFailure::ProviderTimeOff {
                        label: Some("leave".into()),
                    }],
                },
            ),
        ],
    };
    let fit = AvailabilityFit::from_series(&plan, &request);
    assert_eq!((fit.required, fit.placed, fit.missing()), (3, 2, 1));
    assert_eq!(
        fit.unplaced_reasons,
        ["Session 3 (2025-03-17): the provider is away (leave)"]
    );
    assert_eq!(fit.mean_shift_minutes, 720);
    assert_eq!(fit.tolerance_minutes, 2 * 1440);
    assert_eq!((fit.start_delay_days, fit.window_days), (1, 28));
}
